// Top-level Program classes are public here; the AppHost's stays internal so it does not clash with the API's
// Program in the tests, which reach the AppHost through Aspire's generated Projects.AuthApp_AppHost.
internal partial class Program;
