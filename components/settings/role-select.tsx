const ROLES = ["viewer", "editor", "owner"] as const;

export function RoleSelect({
  name = "role",
  defaultValue = "viewer",
}: {
  name?: string;
  defaultValue?: string;
}) {
  return (
    <select
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
