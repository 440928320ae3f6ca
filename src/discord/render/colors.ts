export const colors = {
  primary: 0x1f6feb,
  success: 0x2da44e,
  warning: 0xd29922,
  danger: 0xcf222e,
  neutral: 0x6e7781,
} as const;
