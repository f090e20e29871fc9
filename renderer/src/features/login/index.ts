export { LoginScreen } from './LoginScreen.tsx';
export { login, logout, loginErrorMessage, parseRetryAfter, type LoginFailure } from './login.ts';
