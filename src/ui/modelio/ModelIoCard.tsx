/** Export the trained model (tfjs model.json + weights) and import it back. Placeholder until that work lands. */
export function ModelIoCard() {
  return null;
}
