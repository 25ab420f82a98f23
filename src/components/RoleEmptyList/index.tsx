import { View } from '@tarojs/components'

import type { Me } from '@/types/domain'

import { emptyLinesFor, type EmptyLine } from '@/domain/roles'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'

/**
 * Until a pillar's function ships, a tab shows — for each of the caller's roles — an honest empty
 * state saying what will be listed here. The pillar's lists replace this component.
 */
export default function RoleEmptyList({ me, lines, className }: { me: Me; lines: EmptyLine[]; className?: string }) {
  return (
    <View className={className ? `jl-list ${className}` : 'jl-list'}>
      {emptyLinesFor(me, lines).map((l) => (
        <Section key={l.title}>
          <EmptyState title={l.title} description={l.description} />
        </Section>
      ))}
    </View>
  )
}
