export { default } from "@/app/runs/[id]/head-to-head/page";
