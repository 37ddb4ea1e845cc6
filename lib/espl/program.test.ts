import { describe, expect, test } from "vitest";
import {
  cloneProgram,
  createProgram,
  createRootProgram,
  DEFAULT_RATING,
  programFromStateDict,
  programToStateDict,
} from "./program";

const STATE_KEYS = [
  "principles",
  "program_id",
  "timestep",
  "self_modified_from",
  "self_modify_id_list",
  "parents_list",
  "children_list",
  "past_score_history",
  "rating",
];

describe("program state_dict", () => {
  test("root program", () => {
    expect(programToStateDict(createRootProgram())).toEqual({
      principles: {},
      program_id: 0,
      timestep: -1,
      self_modified_from: -1,
      self_modify_id_list: [],
      parents_list: null,
      children_list: [],
      past_score_history: [],
      rating: { mu: 25, sigma: 25 / 3 },
    });
  });

  test("keys in the reference's order and principles in insertion order", () => {
    const program = createProgram({
      programId: 7,
      timestep: 3,
      principles: [
        { id: "G0", text: "Check parity first." },
        { id: "G1", text: "Use \\frac{a}{b}." },
        { id: "G2", text: "Verify." },
      ],
      parentsList: [5, 2],
      rating: { mu: 28.1, sigma: 3.2 },
    });
    const state = programToStateDict(program);
    expect(Object.keys(state)).toEqual(STATE_KEYS);
    expect(Object.keys(state.principles)).toEqual(["G0", "G1", "G2"]);
    expect(JSON.stringify(state)).toMatch(/^\{"principles":\{"G0":"Check parity first.","G1"/);
  });

  test("round trip keeps everything, including the order of principles", () => {
    const program = createProgram({
      programId: 12,
      timestep: 9,
      selfModifiedFrom: 11,
      principles: [
        { id: "G0", text: "b" },
        { id: "G1", text: "a" },
      ],
    });
    program.selfModifyIdList.push(13);
    program.childrenList.push(14);
    program.pastScoreHistory.push(0.2916666567325592, 0.5);
    const back = programFromStateDict(JSON.parse(JSON.stringify(programToStateDict(program))));
    expect(back).toEqual(program);
  });

  test("loading tolerates missing optional keys and keeps defaults", () => {
    const program = programFromStateDict({ principles: { G0: "x" }, program_id: 4 });
    expect(program).toEqual({
      principles: [{ id: "G0", text: "x" }],
      programId: 4,
      timestep: null,
      selfModifiedFrom: -1,
      selfModifyIdList: [],
      parentsList: null,
      childrenList: [],
      pastScoreHistory: [],
      rating: { ...DEFAULT_RATING },
    });
  });

  test("a stored σ below the floor is kept as stored", () => {
    const program = programFromStateDict({ principles: {}, program_id: 1, rating: { mu: 3, sigma: 1e-9 } });
    expect(program.rating.sigma).toBe(1e-9);
  });

  test.each([
    [{ program_id: 1 }],
    [{ principles: {} }],
    [{ principles: { G0: 3 }, program_id: 1 }],
    [{ principles: {}, program_id: 1.5 }],
    [{ principles: {}, program_id: 1, rating: { mu: 1 } }],
    [{ principles: {}, program_id: 1, parents_list: "1,2" }],
    [null],
  ])("rejects malformed state %j", (raw) => {
    expect(() => programFromStateDict(raw)).toThrow();
  });

  test("clone is deep", () => {
    const program = createProgram({ programId: 1, principles: [{ id: "G0", text: "x" }] });
    const copy = cloneProgram(program);
    copy.principles[0]!.text = "y";
    copy.rating.mu = 0;
    copy.pastScoreHistory.push(1);
    expect(program.principles[0]!.text).toBe("x");
    expect(program.rating.mu).toBe(25);
    expect(program.pastScoreHistory).toEqual([]);
  });
});
