/**
 * Copies `text` to the clipboard. Resolves false when the browser refuses:
 * no Clipboard API (a page served over plain http from a classroom PC is not
 * a secure context), permission denied, or the document not focused. The
 * caller then shows the text selected for Ctrl+C.
 */
export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || navigator.clipboard === undefined) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
