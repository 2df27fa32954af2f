/** A visible line saying why the controls below it do nothing right now; renders nothing for null. */
export function Reason({ text }: { text: string | null }) {
  return text === null ? null : (
    <p className="prune-reason" role="note">
      {text}
    </p>
  );
}
