"use client";
import { useEffect, useState } from "react";

/**
 * `value` once it has stayed unchanged for `ms`: a slider dragged across a thousand steps then asks the
 * server for the step it stops on, not for every step it passes.
 */
export function useSettledValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
