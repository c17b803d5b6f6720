import { useMutation } from '@apollo/client/react';
import { LoginDocument } from '@supergraph/client-core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorMessage } from '../components/Status';
import { useAppSession } from '../session';

export function LoginPage() {
  const { session, state } = useAppSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginDocument);

  if (state) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { data } = await login({ variables: { input: { email, password } } }).catch(() => ({ data: undefined }));
    if (!data) return;
    await session.signIn(data.login);
    await navigate(from, { replace: true });
  }

  return (
    <form className="card narrow" onSubmit={(event) => void submit(event)}>
      <h1>Sign in</h1>
      <label>
        Email
        <input type="email" name="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />
      </label>
      <label>
        Password
        <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
      </label>
      {error && <ErrorMessage error={error} />}
      <button type="submit" className="primary" disabled={loading}>
        {loading ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="hint">Demo: customer@example.com / Demo-Password-1</p>
    </form>
  );
}
