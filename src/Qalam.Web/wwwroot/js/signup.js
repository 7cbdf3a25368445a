// Says under the handle field, as the person types, whether the address can be had (the server checks again on
// submit). The messages come from the field's data attributes, in the page's language.
(() => {
  const input = document.getElementById('handle');
  const status = document.getElementById('handle-status');
  if (!input || !status) {
    return;
  }
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const name = input.value.trim().toLowerCase();
    if (name === '') {
      status.textContent = '';
      return;
    }
    status.textContent = input.dataset.checking;
    timer = setTimeout(async () => {
      const asked = ++latest;
      const response = await fetch('/signup/handle?name=' + encodeURIComponent(name));
      const answer = await response.json();
      if (asked === latest) {
        status.textContent = input.dataset[answer.state];
        status.className = 'hint ' + (answer.available ? 'ok' : 'taken');
      }
    }, 300);
  });
})();
