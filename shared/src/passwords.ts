// The password length rule, the same in the API's check and the web's hint: counted in characters
// (code points), so an emoji is one, not two UTF-16 units.
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

export const passwordLength = (password: string) => [...password].length
