/** The HTTP API reference: render-only, from prepareApiReference's sections. */
import type { ReferenceSection } from "@/lib/view/api-docs/prepare-api-reference";

export function ApiReference({ sections }: { sections: ReferenceSection[] }) {
  return (
    <div className="space-y-10">
      {sections.map((section) => (
        <section key={section.tag} className="space-y-4" aria-labelledby={`tag-${section.tag}`}>
          <h2 id={`tag-${section.tag}`} className="text-xl font-semibold capitalize">
            {section.tag}
          </h2>
          {section.operations.map((op) => (
            <article
              key={op.id}
              id={op.id}
              data-testid="api-operation"
              className="space-y-2 rounded border border-slate-200 p-4"
            >
              <h3 className="font-mono text-sm">
                <span className="mr-2 rounded bg-slate-900 px-1.5 py-0.5 text-white">{op.method}</span>
                {op.path}
              </h3>
              <p className="text-sm">{op.summary}</p>
              <p className="text-sm text-slate-600">{op.description}</p>
              {op.fields.length > 0 && (
                <table className="w-full text-left text-sm">
                  <thead>
                    <tr className="text-slate-600">
                      <th className="py-1 pr-3 font-medium">Field</th>
                      <th className="py-1 pr-3 font-medium">In</th>
                      <th className="py-1 pr-3 font-medium">Type</th>
                      <th className="py-1 font-medium">Notes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {op.fields.map((field) => (
                      <tr
                        key={`${field.where}-${field.name}`}
                        className="border-t border-slate-200 align-top"
                      >
                        <td className="py-1 pr-3 font-mono text-xs">{field.name}</td>
                        <td className="py-1 pr-3">{field.where}</td>
                        <td className="py-1 pr-3">{field.type}</td>
                        <td className="py-1">
                          {[field.required ? "required" : "optional", field.description]
                            .filter(Boolean)
                            .join("; ")}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <details className="text-sm">
                <summary className="cursor-pointer text-slate-600">Responses</summary>
                <ul className="list-disc pl-5">
                  {op.responses.map((r) => (
                    <li key={r.status}>
                      <span className="font-mono">{r.status}</span> {r.description}
                    </li>
                  ))}
                </ul>
              </details>
            </article>
          ))}
        </section>
      ))}
    </div>
  );
}
