export { default } from "@/app/runs/[id]/lineage/page";
