const ROLES = ["viewer", "editor", "owner"] as const;

export function RoleSelect({
  name = "role",
  defaultValue = "viewer",
  label = "Role",
}: {
  name?: string;
  defaultValue?: string;
  /** The accessible name; a row's select names whose role it changes. */
  label?: string;
}) {
  return (
    <select
      aria-label={label}
      name={name}
      defaultValue={defaultValue}
      className="rounded border border-slate-300 px-2 py-1 text-sm"
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
