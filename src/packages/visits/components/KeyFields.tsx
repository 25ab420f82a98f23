import { Text, View } from '@tarojs/components'
import { AtInput } from 'taro-ui'

import type { CareCategory, CareLevel, KeyHouseholdFields } from '@/types/visits'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import TextField from '@/components/form/TextField'
import { CARE_CATEGORIES, CARE_CATEGORY_LABEL, CARE_LEVEL_LABEL, CARE_LEVELS } from '@/domain/visits'
import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import 'taro-ui/lib/style/components/input.scss'

export const MAX_CARE_NOTES = 100

const LEVEL_HINT: Record<CareLevel, string> = {
  weekly: '独居、高龄、行动不便等需要常去看看的',
  fortnightly: '有家人照应、情况平稳的',
  monthly: '情况较好，定期问候即可',
}

/** Care categories: several may apply; each row says 已选 as well as showing a tick. */
function Categories({ value, onChange, disabled }: { value: CareCategory[]; onChange: (next: CareCategory[]) => void; disabled?: boolean }) {
  return (
    <View className='jl-choices'>
      {CARE_CATEGORIES.map((c) => {
        const on = value.includes(c)
        return (
          <View
            key={c}
            className={cx('jl-choice', 'jl-check', on && 'jl-choice--selected')}
            {...tappable(on ? `${CARE_CATEGORY_LABEL[c]}，已选` : CARE_CATEGORY_LABEL[c], 'switch')}
            {...({ 'aria-checked': on ? 'true' : 'false' } as Record<string, string>)}
            onClick={() => !disabled && onChange(on ? value.filter((x) => x !== c) : [...value, c])}
          >
            <View className={cx('jl-check__box', on && 'jl-check__box--on')}>
              <Text>{on ? '✓' : ''}</Text>
            </View>
            <View className='jl-choice__text'>
              <Text className='jl-choice__title'>{CARE_CATEGORY_LABEL[c]}</Text>
            </View>
            {on ? <Text className='jl-choice__mark'>已选</Text> : null}
          </View>
        )
      })}
    </View>
  )
}

/**
 * What marks a key household: coded categories (no diagnoses), the care level that sets how often
 * it is visited, whom to ask for and their phone, and short practical notes.
 */
export default function KeyFields({ value, onChange, disabled }: { value: KeyHouseholdFields; onChange: (next: KeyHouseholdFields) => void; disabled?: boolean }) {
  const set = (patch: Partial<KeyHouseholdFields>) => onChange({ ...value, ...patch })
  return (
    <>
      <Section title='关爱类别（可多选）'>
        <Text className='jl-field__hint'>属于敏感个人信息，只有包户和本社区工作人员能看到。</Text>
        <Categories value={value.categories} onChange={(categories) => set({ categories })} disabled={disabled} />
      </Section>
      <Section title='多久走访一次'>
        <ChoiceList selectedKey={value.careLevel} disabled={disabled} onChoose={(k) => set({ careLevel: k })} choices={CARE_LEVELS.map((l) => ({ key: l, title: CARE_LEVEL_LABEL[l], subtitle: LEVEL_HINT[l] }))} />
      </Section>
      <Section title='联系人'>
        <View className='jl-form'>
          <AtInput name='jl-key-contact' title='姓名' type='text' placeholder='上门找谁' maxLength={20} disabled={disabled} value={value.contactName} onChange={(v: string | number) => set({ contactName: String(v) })} />
          <AtInput name='jl-key-phone' title='电话' type='phone' placeholder='11 位手机号' maxLength={11} disabled={disabled} value={value.contactPhone} onChange={(v: string | number) => set({ contactPhone: String(v) })} />
        </View>
        <Text className='jl-field__hint'>完整号码只给需要打电话的包户和社区工作人员看，其他人看到的是 138****1234。</Text>
      </Section>
      <Section title='备注'>
        <TextField label='注意事项' optional value={value.notes ?? ''} onChange={(notes) => set({ notes })} max={MAX_CARE_NOTES} placeholder='例如：耳背，敲门要用力；下午常去女儿家（不要写病名诊断）' disabled={disabled} />
      </Section>
    </>
  )
}

/** What is missing or wrong, in words; empty when the fields may be sent. */
export function keyProblems(v: KeyHouseholdFields): string[] {
  const out: string[] = []
  if (!v.categories.length) out.push('请至少选一个关爱类别')
  if (!v.contactName.trim()) out.push('请填写联系人姓名')
  if (!/^1\d{10}$/.test(v.contactPhone.trim())) out.push('请填写 11 位手机号')
  return out
}
