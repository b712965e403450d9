'use client';

import { signOut } from 'next-auth/react';
import { useEffect } from 'react';

const ACTIVITY = ['mousemove', 'mousedown', 'keydown', 'scroll', 'touchstart'] as const;

/** Signs a forgotten screen out after the organisation's idle timeout (the server enforces it too). */
export function IdleLogout({ minutes }: { minutes: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const message = `You were signed out after ${minutes} minutes of inactivity. Sign in again.`;
        void signOut({ callbackUrl: `/signin?error=${encodeURIComponent(message)}` });
      }, minutes * 60_000);
    };
    arm();
    for (const event of ACTIVITY) window.addEventListener(event, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, arm);
    };
  }, [minutes]);
  return null;
}
