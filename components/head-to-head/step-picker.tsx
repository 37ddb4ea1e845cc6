import Link from "next/link";

/**
 * The step in the URL (?step=S): previous/next/latest links and a plain GET form, so picking a step
 * needs no client script and every step is a shareable address.
 */
export function StepPicker({
  basePath,
  step,
  firstStep,
  lastStep,
}: {
  basePath: string;
  step: number;
  firstStep: number;
  lastStep: number;
}) {
  const href = (s: number) => `${basePath}/head-to-head?step=${s}`;
  const link = "rounded border border-slate-300 px-2 py-1";
  return (
    <nav aria-label="Step" className="flex flex-wrap items-center gap-2 text-sm">
      {step > firstStep ? (
        <Link className={link} href={href(step - 1)}>
          ← step {step - 1}
        </Link>
      ) : null}
      <form method="get" action={`${basePath}/head-to-head`} className="flex items-center gap-1">
        <label htmlFor="h2h-step">Step</label>
        <input
          id="h2h-step"
          name="step"
          type="number"
          min={firstStep}
          max={lastStep}
          defaultValue={step}
          key={step}
          className="w-24 rounded border border-slate-300 px-2 py-1"
        />
        <button type="submit" className={link}>
          Show
        </button>
      </form>
      {step < lastStep ? (
        <Link className={link} href={href(step + 1)}>
          step {step + 1} →
        </Link>
      ) : null}
      {step !== lastStep ? (
        <Link className={link} href={href(lastStep)}>
          latest ({lastStep})
        </Link>
      ) : (
        <span className="text-slate-500">latest step</span>
      )}
    </nav>
  );
}
