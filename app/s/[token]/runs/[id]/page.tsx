export { default } from "@/app/runs/[id]/page";
