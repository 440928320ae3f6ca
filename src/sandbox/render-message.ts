import {
  ComponentType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIMessage,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';

/** A button or select a person can use, numbered in reading order. */
export interface Control {
  index: number;
  kind: 'button' | 'select';
  customId: string;
  label: string;
  disabled: boolean;
  options?: { label: string; value: string }[];
}

function isActionRow(component: APIMessageTopLevelComponent): component is APIActionRowComponent<APIComponentInMessageActionRow> {
  return component.type === ComponentType.ActionRow;
}

/** Buttons and selects of a message, numbered from 1. */
export function listControls(message: APIMessage): Control[] {
  const controls: Control[] = [];
  for (const row of (message.components ?? []).filter(isActionRow)) {
    for (const c of row.components) {
      if (c.type === ComponentType.Button && 'custom_id' in c) {
        controls.push({ index: controls.length + 1, kind: 'button', customId: c.custom_id, label: c.label ?? '', disabled: Boolean(c.disabled) });
      } else if (c.type === ComponentType.StringSelect) {
        controls.push({
          index: controls.length + 1,
          kind: 'select',
          customId: c.custom_id,
          label: c.placeholder ?? '请选择',
          disabled: Boolean(c.disabled),
          options: c.options.map((o) => ({ label: o.label, value: o.value })),
        });
      }
    }
  }
  return controls;
}

/** A message as readable text, mentions and times as a client shows them: content, each embed (title, description, fields, footer), then its controls. */
export function renderMessageText(message: APIMessage, options: { controls?: boolean; markup?: (text: string) => string } = {}): string {
  const parts: string[] = [];
  const show = options.markup ?? ((text: string) => text);
  if (message.content) parts.push(show(message.content));
  for (const embed of message.embeds ?? []) {
    if (embed.author?.name) parts.push(show(embed.author.name));
    if (embed.title) parts.push(`【${show(embed.title)}】`);
    if (embed.description) parts.push(show(embed.description));
    for (const field of embed.fields ?? []) parts.push(`▸ ${show(field.name)}:${show(field.value)}`);
    if (embed.footer?.text) parts.push(`(${show(embed.footer.text)})`);
    if (embed.timestamp) parts.push(`(${show(`<t:${Math.floor(Date.parse(embed.timestamp) / 1000)}:f>`)})`);
  }
  for (const attachment of message.attachments ?? []) parts.push(`📎 ${attachment.filename}(${attachment.size} 字节)`);
  if (options.controls !== false) {
    for (const control of listControls(message)) {
      if (control.kind === 'button') parts.push(`  [${control.index}] ${control.label}${control.disabled ? '(不可用)' : ''}`);
      else parts.push(`  [${control.index}] ▾ ${control.label}:${(control.options ?? []).map((o, i) => `${i + 1}) ${o.label}`).join('  ')}`);
    }
  }
  return parts.join('\n');
}
