export const dynamic = "force-dynamic";

/**
 * Import a reference experiment archive (.tar.gz or .zip, the request body) as a run: editors and owners
 * of the project. The dashboard's upload handler itself (streamed to disk within its limits, the same
 * experiment again adds only the steps not stored yet), which takes API tokens as every route does.
 */
export { POST } from "@/app/api/imports/route";
