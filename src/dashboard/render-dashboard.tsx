// The only caller of ink's render(): alternate screen, ≤ 4 fps, console untouched; resolves when the user quits.
export async function runDashboard(_o: unknown): Promise<void> {
  throw new Error('todo');
}
