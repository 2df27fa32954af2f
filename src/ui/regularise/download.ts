/**
 * Saves `text` as a file named `fileName`: a Blob behind an object URL, clicked
 * through a temporary `<a download>` (no server round trip; the browser's
 * download event carries the name). The URL is revoked after the click has
 * been handled.
 */
export function downloadText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a tick later it has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
