export { default } from "@/app/runs/[id]/rollouts/page";
