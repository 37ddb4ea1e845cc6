export { default } from "@/app/runs/[id]/layout";
