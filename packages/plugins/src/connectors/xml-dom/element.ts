import { InputError } from '@hexiao/plugins/sdk';
/** A small namespace-aware element tree, built only for the parts of a document a connector maps. */
export interface XmlElement {
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  /** Attributes by local name (attribute namespaces are ignored; UBL/CII attributes are unqualified). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
  /** Set on document roots only: XPath-like location, e.g. `/Invoice` or `/Batch/Invoice[3]`. */
  xpath?: string;
}

/** Prefix → namespace map used to write readable lookups (`cac:Party/cbc:Name`). */
export type Namespaces = Record<string, string>;

type Step = { ns: string; local: string };

function compileWith(nsMap: Namespaces) {
  const compiled = new Map<string, Step[]>();
  return (path: string): Step[] => {
    let steps = compiled.get(path);
    if (steps) return steps;
    steps = path.split('/').map((part) => {
      const colon = part.indexOf(':');
      if (colon < 0) return { ns: '', local: part };
      const prefix = part.slice(0, colon);
      const ns = nsMap[prefix];
      if (ns === undefined) throw new InputError(`unknown prefix ${prefix} in ${path}`);
      return { ns, local: part.slice(colon + 1) };
    });
    compiled.set(path, steps);
    return steps;
  };
}

/** Builds lookups bound to a prefix map. Paths are relative to the given element; '/' separates steps. */
export function xmlQuery(nsMap: Namespaces) {
  const compile = compileWith(nsMap);
  function all(el: XmlElement | undefined, path: string): XmlElement[] {
    if (!el) return [];
    let current: XmlElement[] | undefined;
    for (const step of compile(path)) {
      const next: XmlElement[] = [];
      if (current === undefined) {
        for (const k of el.children) if (k.local === step.local && k.ns === step.ns) next.push(k);
      } else
        for (const c of current)
          for (const k of c.children) if (k.local === step.local && k.ns === step.ns) next.push(k);
      current = next;
      if (current.length === 0) break;
    }
    return current ?? [el];
  }
  /** First match in document order (a one-step path is looked up without building arrays). */
  function one(el: XmlElement | undefined, path: string): XmlElement | undefined {
    if (!el) return undefined;
    const steps = compile(path);
    if (steps.length > 1) return all(el, path)[0];
    const step = steps[0]!;
    for (const k of el.children) if (k.local === step.local && k.ns === step.ns) return k;
    return undefined;
  }
  /** Trimmed text of the first match, undefined when absent or empty. */
  function text(el: XmlElement | undefined, path: string): string | undefined {
    const t = one(el, path)?.text.trim();
    return t ? t : undefined;
  }
  function texts(el: XmlElement | undefined, path: string): string[] {
    return all(el, path)
      .map((e) => e.text.trim())
      .filter((t) => t.length > 0);
  }
  function attr(el: XmlElement | undefined, path: string, name: string): string | undefined {
    const v = one(el, path)?.attrs[name]?.trim();
    return v ? v : undefined;
  }
  return { all, one, text, texts, attr };
}

export type XmlQuery = ReturnType<typeof xmlQuery>;
