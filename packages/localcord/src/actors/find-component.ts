import type { APIMessage } from 'discord-api-types/v10';

export interface FoundComponent {
  type: number;
  custom_id: string;
  style?: number;
  disabled?: boolean;
  options?: { value: string }[];
  min_values?: number;
  max_values?: number;
}

/** Finds an interactive component by custom id anywhere in a message (rows, containers, section accessories). */
export function findComponent(message: APIMessage, customId: string): FoundComponent | undefined {
  const stack: unknown[] = [...(message.components ?? [])];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current !== 'object' || current === null) continue;
    const component = current as { custom_id?: unknown; components?: unknown; accessory?: unknown };
    if (component.custom_id === customId) return current as FoundComponent;
    if (Array.isArray(component.components)) stack.push(...(component.components as unknown[]));
    if (component.accessory !== undefined) stack.push(component.accessory);
  }
  return undefined;
}

export function listCustomIds(message: APIMessage): string[] {
  const ids: string[] = [];
  const stack: unknown[] = [...(message.components ?? [])];
  while (stack.length > 0) {
    const current = stack.pop() as { custom_id?: unknown; components?: unknown; accessory?: unknown } | undefined;
    if (typeof current !== 'object' || current === null) continue;
    if (typeof current.custom_id === 'string') ids.push(current.custom_id);
    if (Array.isArray(current.components)) stack.push(...(current.components as unknown[]));
    if (current.accessory !== undefined) stack.push(current.accessory);
  }
  return ids;
}
