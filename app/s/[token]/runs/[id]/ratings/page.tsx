export { default } from "@/app/runs/[id]/ratings/page";
