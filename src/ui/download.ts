/**
 * Saves a Blob as `fileName` through a temporary `<a download>` (no server
 * round trip; the browser's download event carries the name).
 */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a moment later it has started.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves `text` (CSV by default) as `fileName`. */
export function downloadText(fileName: string, text: string, mimeType = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}
