// On a phone the admin menu starts folded behind its summary, so the page's own content comes first. Without this
// script it stays open, which is the desktop's state too (there the summary is hidden and the menu always shows).
(() => {
  const menu = document.querySelector("details.admin-menu");
  if (menu && window.matchMedia("(max-width: 40rem)").matches) {
    menu.open = false;
  }
})();
