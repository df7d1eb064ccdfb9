import type { Unit } from './types.js';

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

const byCode = (a: Unit, b: Unit) => a.code.localeCompare(b.code, 'ja');

/** The units as a tree by parentCode; a unit whose parent is unknown becomes a root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const known = new Set(units.map((u) => u.code));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentCode && known.has(unit.parentCode) && unit.parentCode !== unit.code ? unit.parentCode : null;
    const list = children.get(parent) ?? [];
    list.push(unit);
    children.set(parent, list);
  }
  const seen = new Set<string>();
  const build = (parent: string | null, depth: number): UnitNode[] =>
    (children.get(parent) ?? [])
      .slice()
      .sort(byCode)
      .filter((unit) => {
        if (seen.has(unit.code)) return false; // a cycle in the data must not hang the page
        seen.add(unit.code);
        return true;
      })
      .map((unit) => ({ unit, depth, children: build(unit.code, depth + 1) }));
  return build(null, 0);
}

/** Tree order, each unit with its depth (for indented select options). */
export function flattenUnitTree(nodes: readonly UnitNode[]): { unit: Unit; depth: number }[] {
  return nodes.flatMap((node) => [{ unit: node.unit, depth: node.depth }, ...flattenUnitTree(node.children)]);
}

/** Options for a unit select: 「　　刑事部（D01）」. */
export function unitOptions(units: readonly Unit[]): { value: string; label: string }[] {
  return flattenUnitTree(buildUnitTree(units)).map(({ unit, depth }) => ({
    value: unit.code,
    label: `${'\u3000'.repeat(depth)}${unit.name}（${unit.code}）`,
  }));
}
