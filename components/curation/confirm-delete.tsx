"use client";
import type { ReactNode } from "react";
import { ConfirmAction } from "@/components/dialogs/confirm-action";
import { CURATION_BUTTON } from "./notes-editor";

/**
 * A delete button and its confirmation naming what goes. The refusal of the delete (a running run, a group
 * that changed) shows in the dialog, which stays open so the reader sees why nothing happened.
 */
export function ConfirmDelete(props: {
  buttonLabel: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  error: string | null;
  testId: string;
}) {
  return (
    <ConfirmAction {...props} buttonClassName={CURATION_BUTTON} keepLabel="Keep it" closeOnConfirm={false} />
  );
}
