import { ApiReference } from "@/components/api-docs/api-reference";
import { buildOpenApiDocument } from "@/lib/server/api-v1/openapi";
import { prepareApiReference } from "@/lib/view/api-docs/prepare-api-reference";

export const metadata = { title: "HTTP API" };

/** The /api/v1 reference, from the same OpenAPI document /api/v1/openapi.json serves. */
export default function ApiDocsPage() {
  const document = buildOpenApiDocument();
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">HTTP API v1</h1>
        <p className="text-sm text-slate-600">{document.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Create a token under a project&apos;s Settings → API tokens.
        </p>
      </header>
      <ApiReference sections={prepareApiReference(document)} />
    </div>
  );
}
