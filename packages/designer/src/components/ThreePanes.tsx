import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';

/** Reference | edit | what it does — resizable with the keyboard or the mouse; sizes remembered per editor. */
export function ThreePanes(p: { id: string; left: ReactNode; center: ReactNode; right: ReactNode }) {
  const layout = useDefaultLayout({ id: `hexiao.panes.${p.id}`, storage: localStorage });
  return (
    <Group
      orientation="horizontal"
      className="panes"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      <Panel id="left" defaultSize="22%" minSize="12%" className="pane">
        <section aria-label="reference" className="pane-body">
          {p.left}
        </section>
      </Panel>
      <Separator className="pane-handle" />
      <Panel id="center" defaultSize="43%" minSize="25%" className="pane">
        <section aria-label="editor" className="pane-body">
          {p.center}
        </section>
      </Panel>
      <Separator className="pane-handle" />
      <Panel id="right" defaultSize="35%" minSize="15%" className="pane">
        <section aria-label="preview" className="pane-body">
          {p.right}
        </section>
      </Panel>
    </Group>
  );
}
