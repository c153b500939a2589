// Renders a message-table template with sample values, as mod_wsgi would log it (shared by the table's tests).

/** A printf template with sample values, as mod_wsgi would log it. */
export function renderTemplate(text: string): string {
  return text
    .replace(/%\.\*s|%s/g, 'app')
    .replace(/%l?[du]/g, '4242')
    .replace(/%\.6f/g, '0.005000')
    .replace(/<apr error>/g, 'Connection reset by peer');
}
