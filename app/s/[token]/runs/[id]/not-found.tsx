export { default } from "@/app/runs/[id]/not-found";
