import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { definitions } from '../api/endpoints.ts';
import { errorsUnder, isApiError, type FieldError } from '../api/problem.ts';
import type { DefinitionVersion } from '../api/types.ts';

export type SaveState = 'loading' | 'clean' | 'dirty' | 'saving' | 'saved' | 'invalid' | 'offline';

const backupKey = (tenant: string, kind: string, key: string) => `hexiao.draft.${tenant}.${kind}.${key}`;

/**
 * The working copy of one definition: loads the draft (else the current version, else a new document),
 * autosaves it as the draft 800 ms after the last change, and keeps it in localStorage until the server
 * accepts it — a refused or failed save loses nothing, a reload restores it.
 */
export function useDraft<Doc>(o: {
  tenant: string;
  kind: string;
  key: string;
  newDocument: () => Doc;
  title?: string;
}) {
  const qc = useQueryClient();
  const [doc, setDocState] = useState<Doc | undefined>(undefined);
  const [state, setState] = useState<SaveState>('loading');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [draft, setDraft] = useState<DefinitionVersion<Doc> | null>(null);
  const [current, setCurrent] = useState<DefinitionVersion<Doc> | null>(null);
  const [restored, setRestored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const title = useRef(o.title);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<Doc | undefined>(undefined);
  const bk = backupKey(o.tenant, o.kind, o.key);

  /** The draft and the current version from the history (one request; a key never saved has none). */
  const fetchVersions = async () => {
    let items: DefinitionVersion<Doc>[] = [];
    try {
      items = (await definitions.history(o.kind, o.key)).items as DefinitionVersion<Doc>[];
    } catch (e) {
      if (!(isApiError(e) && e.status === 404)) throw e;
    }
    const d = items.find((v) => v.status === 'draft') ?? null;
    const c = items.filter((v) => v.status === 'published').sort((a, b) => b.version - a.version)[0] ?? null;
    return [d, c] as const;
  };

  const reload = useCallback(async () => {
    try {
      const [d, c] = await fetchVersions();
      setDraft(d);
      setCurrent(c);
      if (d?.title || c?.title) title.current ??= (d?.title ?? c?.title) || undefined;
      return { d, c };
    } catch (e) {
      setLoadError(e);
      throw e;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [o.kind, o.key]);

  const save = useCallback(
    async (next: Doc) => {
      setState('saving');
      try {
        // ask first: a refused draft is then no failed request (and no console error), just problems to show
        const check = await definitions.validate(o.kind, next);
        if (pending.current !== next) return;
        if (!check.valid) {
          setErrors(check.errors);
          setState('invalid');
          return;
        }
        const v = await definitions.saveDraft(o.kind, o.key, next, title.current);
        if (pending.current !== next) return; // a newer edit is on its way
        setDraft(v as DefinitionVersion<Doc>);
        setErrors([]);
        setState('saved');
        localStorage.removeItem(bk);
        void qc.invalidateQueries({ queryKey: ['definitions'] });
        void qc.invalidateQueries({ queryKey: ['history', o.kind, o.key] });
      } catch (e) {
        if (pending.current !== next) return;
        if (isApiError(e) && e.status === 422) {
          setErrors(errorsUnder(e.fieldErrors, '/document'));
          setState('invalid');
        } else {
          setState('offline');
          timer.current = setTimeout(() => void save(next), 5000);
        }
      }
    },
    [o.kind, o.key, bk, qc],
  );

  useEffect(() => {
    let alive = true;
    void reload().then(({ d, c }) => {
      if (!alive) return;
      const server = (d ?? c)?.document;
      let local: Doc | undefined;
      try {
        const raw = localStorage.getItem(bk);
        local = raw ? (JSON.parse(raw) as Doc) : undefined;
      } catch {
        local = undefined;
      }
      if (local !== undefined && JSON.stringify(local) !== JSON.stringify(server)) {
        setDocState(local);
        setRestored(true);
        pending.current = local;
        void save(local);
      } else if (server !== undefined) {
        setDocState(server);
        setState('clean');
      } else {
        const fresh = o.newDocument();
        setDocState(fresh);
        pending.current = fresh;
        void save(fresh);
      }
    });
    return () => {
      alive = false;
      clearTimeout(timer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [o.kind, o.key]);

  const setDoc = useCallback(
    (next: Doc) => {
      setDocState(next);
      pending.current = next;
      setState('dirty');
      try {
        localStorage.setItem(bk, JSON.stringify(next));
      } catch {
        /* storage full: the in-memory copy remains */
      }
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(next), 800);
    },
    [bk, save],
  );

  const setTitle = useCallback(
    (t: string) => {
      title.current = t;
      if (pending.current !== undefined) setDoc(pending.current);
    },
    [setDoc],
  );

  /** After a rollback: the working copy becomes the server's (draft, else current); nothing is saved. */
  const reloadDocument = useCallback(async () => {
    clearTimeout(timer.current);
    const { d, c } = await reload();
    const server = (d ?? c)?.document;
    if (server !== undefined) {
      pending.current = server;
      setDocState(server);
      setErrors([]);
      setState('clean');
      localStorage.removeItem(bk);
    }
  }, [reload, bk]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (pending.current !== undefined && (state === 'dirty' || state === 'offline')) await save(pending.current);
  }, [save, state]);

  return {
    doc,
    setDoc,
    state,
    errors,
    draft,
    current,
    restored,
    loadError,
    title: title.current,
    setTitle,
    reload,
    reloadDocument,
    flush,
    /** Publishing needs a saved draft the server accepted. */
    canPublish: !!draft && (state === 'saved' || state === 'clean') && errors.length === 0,
  };
}
