"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  form.addEventListener("submit", async event => {
    event.preventDefault();
    error.hidden = true;
    try {
      const res = await fetch("/api/v1/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: form.login.value, password: form.password.value })
      });
      if (res.ok) {
        window.location.assign("/recordings");
        return;
      }
      error.textContent = t(res.status === 401 ? "login.failed" : "login.error");
    } catch (e) {
      error.textContent = t("login.error");
    }
    error.hidden = false;
  });
});
