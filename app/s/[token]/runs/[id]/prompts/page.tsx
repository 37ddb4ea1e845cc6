export { default } from "@/app/runs/[id]/prompts/page";
