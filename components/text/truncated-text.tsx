/**
 * A name that may be long (a run, dataset or program label): cut to one line with an ellipsis where its
 * container ends, the whole name on hover (title) and for assistive tech (it stays in the text).
 */
export function TruncatedText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <span title={text} className={`inline-block max-w-full truncate align-bottom ${className}`}>
      {text}
    </span>
  );
}
