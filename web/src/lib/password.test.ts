import { describe, expect, it } from 'vitest'
import { passwordScore } from './password'

describe('passwordScore', () => {
  it('rates common and personal passwords low', () => {
    expect(passwordScore('')).toBe(0)
    expect(passwordScore('password')).toBe(0)
    expect(passwordScore('ada.admin', ['admin@example.com', 'Ada Admin'])).toBe(0)
    expect(passwordScore('aaaaaaaaaaaa')).toBe(0)
  })

  it('rates long mixed passwords high', () => {
    expect(passwordScore('Blue-Harbour-Lantern-42')).toBeGreaterThanOrEqual(3)
    expect(passwordScore('k7#Qz!pR9w@Lm2x')).toBe(4)
  })
})
