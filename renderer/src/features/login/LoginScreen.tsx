import { useMutation } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../../shared/contracts/http/index.ts';
import { Alert } from '../../app/Alert.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useDocumentTitle } from '../../app/document-title.ts';
import { usePlatform } from '../../app/platform-context.ts';
import { login, loginErrorMessage } from './login.ts';

interface Props {
  /** Starts the session; returns an error text when the sync could not start. */
  onLoggedIn: (serverUrl: string, session: Session) => Promise<string | null>;
  notice: string | null;
  startError: string | null;
}

type Outcome = { ok: true } | { ok: false; message: string };

export function LoginScreen({ onLoggedIn, notice, startError }: Props) {
  const { t } = useTranslation();
  const platform = usePlatform();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [attempted, setAttempted] = useState(false);
  useDocumentTitle(`${t('login.title')} – ${t('app.name')}`);

  const mutation = useMutation({
    mutationFn: async (creds: { username: string; password: string }): Promise<Outcome> => {
      const server = await platform.getServerUrl();
      if (!server.ok) return { ok: false, message: t('login.failed', { reason: server.error.message }) };
      const r = await login(server.value, creds.username, creds.password);
      if (!r.ok) {
        const m = loginErrorMessage(r.error);
        return { ok: false, message: t(m.key, { count: m.count ?? 0, reason: m.reason ?? '' }) };
      }
      const failed = await onLoggedIn(server.value, r.value);
      return failed === null ? { ok: true } : { ok: false, message: t('app.startFailed', { reason: failed }) };
    },
  });

  const submit = (e: SyntheticEvent<HTMLFormElement>) => {
    e.preventDefault();
    setAttempted(true);
    if (!username.trim() || !password) return;
    mutation.mutate({ username: username.trim(), password });
  };

  const error =
    mutation.data && !mutation.data.ok
      ? mutation.data.message
      : startError
        ? t('app.startFailed', { reason: startError })
        : null;
  const pending = mutation.isPending;

  return (
    <div className="ap-login">
      <header className="ap-login__header">
        <span className="ap-brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="ap-login__main">
        <div className="kern-card ap-login__card">
          <div className="kern-card__container">
            <header className="kern-card__header">
              <h1 className="kern-heading-large">{t('login.title')}</h1>
              <p className="kern-body">{t('login.intro')}</p>
            </header>
            <div className="kern-card__body">
              {notice && <Alert kind="info">{notice}</Alert>}
              {error && (
                <Alert kind="danger" testId="login-error">
                  {error}
                </Alert>
              )}
              <Form validationBehavior="aria" onSubmit={submit} className="ap-stack" aria-label={t('login.title')}>
                <TextField
                  className="kern-form-input"
                  name="username"
                  autoComplete="username"
                  isRequired
                  value={username}
                  onChange={setUsername}
                  isInvalid={attempted && !username.trim()}
                >
                  <Label className="kern-label">{t('login.username')}</Label>
                  <Input className="kern-form-input__input" autoCapitalize="none" spellCheck={false} />
                  <FieldError className="kern-error">{t('login.usernameRequired')}</FieldError>
                </TextField>
                <TextField
                  className="kern-form-input"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  isRequired
                  value={password}
                  onChange={setPassword}
                  isInvalid={attempted && !password}
                >
                  <Label className="kern-label">{t('login.password')}</Label>
                  <Input className="kern-form-input__input" />
                  <FieldError className="kern-error">{t('login.passwordRequired')}</FieldError>
                </TextField>
                <Button type="submit" className="kern-btn kern-btn--primary kern-btn--block" isDisabled={pending}>
                  <span className="kern-label">{pending ? t('login.submitting') : t('login.submit')}</span>
                </Button>
              </Form>
            </div>
          </div>
        </div>
      </main>
    </div>
  );
}
