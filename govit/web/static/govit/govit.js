// govit's own behaviour. Loaded as a file: the Content-Security-Policy forbids inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) event.preventDefault();
    });
  });
  // A Django formset's "add a line" button: data-formset-add="PREFIX" copies the
  // <template id="PREFIX-empty"> row into #PREFIX-rows and counts it in PREFIX-TOTAL_FORMS.
  document.querySelectorAll("[data-formset-add]").forEach((button) => {
    button.addEventListener("click", () => {
      const prefix = button.dataset.formsetAdd;
      const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
      const template = document.getElementById(`${prefix}-empty`);
      const rows = document.getElementById(`${prefix}-rows`);
      if (!total || !template || !rows) return;
      const index = Number(total.value);
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__prefix__", String(index)));
      total.value = String(index + 1);
    });
  });
});
