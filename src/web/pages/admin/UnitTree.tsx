import { Tag } from '../../components/StatusBadge.js';
import { unitKindKey } from '../../lib/labels.js';
import { useI18n } from '../../lib/locale.js';
import type { UnitNode } from '../../lib/units.js';

/** 所属一覧 as nested lists: each level indented under its parent. */
export function UnitTree({ nodes, nested = false }: { nodes: readonly UnitNode[]; nested?: boolean }) {
  const { t, locale } = useI18n();
  return (
    <ul className={nested ? 'ml-6 border-l-2 border-solid-gray-200 pl-4' : ''}>
      {nodes.map((node) => (
        <li key={node.unit.code} className="py-1">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-1">
            <span className="text-std-16B-170">{locale === 'en' && node.unit.nameEn ? node.unit.nameEn : node.unit.name}</span>
            <span className="font-mono text-mono-14N-150 text-solid-gray-700">{node.unit.code}</span>
            <Tag>{t(unitKindKey(node.unit.kind))}</Tag>
          </div>
          {node.children.length > 0 ? <UnitTree nodes={node.children} nested /> : null}
        </li>
      ))}
    </ul>
  );
}
