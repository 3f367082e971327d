import { lazy, Suspense } from 'react';
import { Skeleton } from 'antd';
import type { Diagnostic } from '../api/types.ts';

export interface CodeEditorProps {
  /** Model path, e.g. `hexiao://rules/big-receipts.json`: picks the schema and keeps undo per document. */
  path: string;
  value: string;
  onChange?: (text: string) => void;
  schema?: unknown;
  markers?: (Pick<Diagnostic, 'pointer' | 'message' | 'severity'> & { code?: string })[];
  height?: number | string;
  readOnly?: boolean;
  ariaLabel?: string;
  testId?: string;
  onRun?: () => void;
  onEditor?: (editor: unknown) => void;
}

export interface DiffViewProps {
  /** Names the diff's two models (reused between openings). */
  id?: string;
  original: string;
  modified: string;
  height?: number | string;
}

// Monaco (≈ several MB) is a lazy chunk: the first page never downloads it (checked by the bundle budget).
const Impl = lazy(() => import('./CodeEditorImpl.tsx'));
const DiffImpl = lazy(() => import('./CodeEditorImpl.tsx').then((m) => ({ default: m.DiffViewImpl })));

export function CodeEditor(p: CodeEditorProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <Impl {...p} />
    </Suspense>
  );
}

export function DiffView(p: DiffViewProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <DiffImpl {...p} />
    </Suspense>
  );
}
