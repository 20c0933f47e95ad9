import { useLogout, useMe } from '../api/auth';

const ROLE_LABELS: Record<string, string> = {
  admin: 'Admin',
  planner: 'Planner',
  store_manager: 'Store manager',
  viewer: 'Viewer',
};

/** Who is signed in (their role, and a store manager's stores) and a way to sign out. */
export function UserMenu() {
  const me = useMe().data;
  const logout = useLogout();
  if (!me) return null;
  const role = me.role ? (ROLE_LABELS[me.role] ?? me.role) : 'API key';
  const stores = me.stores ? ` · ${me.stores.join(', ')}` : '';
  return (
    <div className="user">
      <span className="user__who" title={`${me.name}: ${role}${stores}`}>
        <span className="user__name">{me.name}</span>
        <span className="user__role">
          {role}
          {stores}
        </span>
      </span>
      <button
        type="button"
        className="button user__logout"
        title={`Signed in as ${me.name}`}
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
      >
        Sign out
      </button>
    </div>
  );
}
