/** Draw your own 2-D points or upload a CSV. Placeholder until the own-data work lands. */
export function OwnDataCard() {
  return null;
}
