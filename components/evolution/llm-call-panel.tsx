"use client";
import { useState } from "react";
import type { ChainCall } from "@/lib/server/read/evolution/event-chain";
import { describeEmpty, describeParse } from "@/lib/view/prompts/call-stage";
import { useLlmCallText } from "@/lib/client/use-llm-call-text";

function TextBlock({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 text-xs">
        {text}
      </pre>
    </div>
  );
}

/**
 * One reflection call: its parse result and error at once, its prompt and reply fetched when opened.
 * Failed or unparseable calls open by themselves, so their raw text is on the page next to the error.
 */
export function LlmCallPanel({
  runId,
  call,
  title,
  showParse,
}: {
  runId: string;
  call: ChainCall;
  title: string;
  showParse: boolean;
}) {
  const parseProblem = showParse ? describeParse(call.parsedOperations, call.replyChars) : null;
  const empty = showParse ? describeEmpty(call.parsedOperations, call.replyChars) : null;
  const troubled = call.error !== null || parseProblem !== null;
  const [open, setOpen] = useState(troubled);
  const text = useLlmCallText(runId, call.id, open);
  return (
    <div
      className={`rounded border p-2 text-sm ${troubled ? "border-rose-300" : "border-slate-200"}`}
      data-testid={`llm-call-${call.ordinal}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{title}</span>
        <span className="text-xs text-slate-500">
          prompt {call.promptChars.toLocaleString("en")} chars · reply{" "}
          {call.replyChars === null ? "none" : `${call.replyChars.toLocaleString("en")} chars`}
        </span>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="rounded border border-slate-300 px-2 text-xs hover:bg-slate-50"
        >
          {open ? "Hide texts" : "Show prompt and reply"}
        </button>
      </div>
      {call.error ? (
        <p className="mt-1 text-xs text-rose-700" data-testid="call-error">
          Error: {call.error}
        </p>
      ) : null}
      {parseProblem ? (
        <p className="mt-1 text-xs text-rose-700" data-testid="call-parse-problem">
          {parseProblem}
        </p>
      ) : null}
      {empty ? (
        <p className="mt-1 text-xs text-amber-700" data-testid="call-empty">
          {empty}
        </p>
      ) : null}
      {!open && call.replyPreview ? (
        <p className="mt-1 line-clamp-2 text-xs text-slate-600">{call.replyPreview}</p>
      ) : null}
      {open ? (
        <div className="mt-2 space-y-2">
          {text.isPending ? <p className="text-xs text-slate-500">Loading…</p> : null}
          {text.isError ? <p className="text-xs text-rose-700">{text.error.message}</p> : null}
          {text.data ? (
            <>
              <TextBlock label="Prompt" text={text.data.prompt || "(not saved)"} />
              <div data-testid="raw-reply">
                <TextBlock label="Raw reply" text={text.data.rawReply ?? "(no reply)"} />
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
