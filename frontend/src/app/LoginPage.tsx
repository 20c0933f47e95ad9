import { useState, type FormEvent } from 'react';
import { useLogin } from '../api/auth';
import { ApiError } from '../api/client';
import { TextField } from '../components/ui/TextField';

function reason(error: Error): string {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === 401) return 'Wrong username or password, or the user is disabled.';
  if (error.status === 429) return error.message.replace(/^too many/, 'Too many');
  if (error.unreachable) return "Can't reach the API — try again in a moment.";
  return error.message;
}

/** Sign in with a username and password; the page asked for shows once it succeeds. */
export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };
  return (
    <main className="login">
      <form className="login__card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title" className="login__title">
          FastCommerce
        </h1>
        <p className="login__lead">Sign in to see demand, stock and restock plans.</p>
        <TextField label="Username" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
        <TextField
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
        />
        {login.error && (
          <p className="login__error" role="alert">
            {reason(login.error)}
          </p>
        )}
        <button type="submit" className="button button--primary login__submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
