/**
 * A run's tag list as people type it: comma-separated, trimmed, blanks and repeats dropped. One schema for
 * the launch form and the run page's tag editor, so a tag the one accepts the other accepts too.
 */
import { z } from "zod";
import { plainText } from "@/lib/domain/text/control-chars";

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;

export const tagListSchema = plainText("the tag list")
  .max(2000)
  .transform((text) => [
    ...new Set(
      text
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(MAX_TAG_LENGTH, `each tag at most ${MAX_TAG_LENGTH} characters`))
      .max(MAX_TAGS, `at most ${MAX_TAGS} tags`),
  );
