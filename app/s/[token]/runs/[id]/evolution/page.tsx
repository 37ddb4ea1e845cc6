export { default } from "@/app/runs/[id]/evolution/page";
