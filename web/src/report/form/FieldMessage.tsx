// What is wrong with one field, shown right under it (and named by the field's aria-describedby).
export function FieldMessage({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null
  return (
    <p className="rp-field__error" id={id} data-testid={id}>
      {text}
    </p>
  )
}
