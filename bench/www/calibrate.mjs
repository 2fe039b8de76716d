const box = document.getElementById("doctor-q");
const count = document.getElementById("doctor-count");
box.addEventListener("input", () => {
  count.textContent = `${box.value.length} characters`;
});
